import { z } from 'zod';

/** Where the versioned weights live, relative to this module in src/ and in dist/ alike. */
export const modelFileUrl = new URL('../../model/escalation-model.v1.json', import.meta.url);

// zod refuses NaN and Infinity for numbers already.
const finite = z.number();

/** The weights file: everything needed to score, and how it was made. */
export const modelFileSchema = z
  .object({
    version: z.string().min(1),
    featureNames: z.array(z.string().min(1)).min(1),
    means: z.array(finite),
    scales: z.array(finite.positive()),
    weights: z.array(finite),
    bias: finite,
    threshold: finite.min(0).max(1),
    thresholdRule: z.string(),
    training: z.object({
      method: z.string(),
      l2: finite,
      learningRate: finite,
      iterations: z.number().int().positive(),
    }),
    trainedOn: z.object({
      generator: z.string(),
      seed: z.number().int(),
      languages: z.array(z.string()),
      conversations: z.object({ train: z.number(), validation: z.number(), test: z.number() }),
      turns: z.object({ train: z.number(), positive: z.number() }),
    }),
  })
  .superRefine((file, context) => {
    const count = file.featureNames.length;
    for (const key of ['means', 'scales', 'weights'] as const) {
      if (file[key].length !== count)
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `has ${file[key].length} values for ${count} features`,
        });
    }
  });

export type ModelFile = z.infer<typeof modelFileSchema>;

/** The file's content, or an error naming every problem in it. */
export function checkModelFile(content: unknown, source: string): ModelFile {
  const checked = modelFileSchema.safeParse(content);
  if (checked.success) return checked.data;
  const problems = checked.error.issues.map(
    ({ path, message }) => `${path.join('.') || '(the whole file)'}: ${message}`,
  );
  throw new Error(`The escalation model ${source} is not valid:\n  ${problems.join('\n  ')}`);
}

/** Throws unless the file was trained on exactly the features this build computes. */
export function checkFeatureNames(
  file: Pick<ModelFile, 'featureNames' | 'version'>,
  expected: readonly string[],
): void {
  const same =
    file.featureNames.length === expected.length &&
    file.featureNames.every((name, i) => name === expected[i]);
  if (!same)
    throw new Error(
      `The escalation model ${file.version} was trained on the features [${file.featureNames.join(', ')}] ` +
        `but this build computes [${expected.join(', ')}]; retrain it with npm run model:train`,
    );
}

/** The three polarity classes the service publishes, and that labelled sets use. */
export type Polarity = 'negative' | 'neutral' | 'positive';

/** A text with the mean of its human ratings (any scale: correlation ignores it). */
export interface RatedItem {
  text: string;
  language: string;
  human: number;
}

/** A text with the polarity class that people gave it. */
export interface LabelledItem {
  text: string;
  language: string;
  label: Polarity;
}

/**
 * One labelled evaluation set, normalised whatever its source format: either rated on a continuous
 * scale (compared by correlation) or labelled by class (compared by accuracy and macro-F1).
 */
export type EvaluationSet =
  | { name: string; language: string; kind: 'rated'; items: RatedItem[] }
  | { name: string; language: string; kind: 'labelled'; items: LabelledItem[] };

export const polarities: readonly Polarity[] = ['negative', 'neutral', 'positive'];

export function isPolarity(value: string): value is Polarity {
  return (polarities as readonly string[]).includes(value);
}

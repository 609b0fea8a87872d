/** How many conversations' signals each instance keeps in memory. */
export class EvaluationOptions {
  constructor(readonly cacheSize: number) {}
}

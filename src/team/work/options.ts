/** Bounds of model-driven steps (`LoopOptions.work`). */
export interface WorkOptions {
  /** Invalid reports sent back to the model before the step fails (default 3). */
  maxCorrections?: number;
  /** Questions to teammates per step, nested ones included (default 4). */
  maxQuestions?: number;
  /** Nested questions: a teammate asking a teammate... (default 2). */
  maxDepth?: number;
  /** Model calls per answer of the step's agent (default 10). */
  maxTurns?: number;
}

/** A bad scenario (file or data): one line naming the file and the field. The CLI maps it to a usage error (exit 2). */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

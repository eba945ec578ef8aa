/** Bad input (a path, a patch, a catalog): one line naming the input. */
export class ConformInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformInputError';
  }
}

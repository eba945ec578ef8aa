/** Types of tsSourceHooks.mjs (module hooks for workers started from TypeScript sources). */
export declare function resolve(specifier: string, context: { parentURL?: string }, next: (s: string, c: unknown) => unknown): Promise<unknown>;
export declare function load(url: string, context: unknown, next: (u: string, c: unknown) => unknown): Promise<unknown>;
/** The JavaScript of one TypeScript file, from the on-disk cache or transpiled (and cached). */
export declare function transpileCached(path: string): Promise<string>;

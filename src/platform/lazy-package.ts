import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package that only some requests need, loaded on first use rather than at start
 * (QUALITY.md B6: cold start, idle memory): loading and compiling a package costs start-up
 * time whether a request ever needs it or not. Its CommonJS build is loaded with `require`,
 * synchronously, so that the functions using it stay synchronous (a Zod refinement, a view).
 * `prepare` runs once on the loaded package (what used to run when the module was imported).
 */
export function lazyPackage<T>(name: string, prepare?: (loaded: T) => void): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      const value = require(name) as T;
      prepare?.(value);
      loaded = value;
    }
    return loaded;
  };
}

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tmp/', 'coverage/', 'public/build/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['src/ui/islands/**/*.ts', 'tests/e2e/**/*.ts'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', fetch: 'readonly', navigator: 'readonly', localStorage: 'readonly' } },
  },
  {
    // Plain scripts served to the browser (the navette's offline visit page and its service worker,
    // the progress of work done in the background).
    files: ['src/modules/*/client/*.js', 'src/ui/client/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        document: 'readonly', window: 'readonly', self: 'readonly', location: 'readonly', navigator: 'readonly', fetch: 'readonly', caches: 'readonly',
        indexedDB: 'readonly', crypto: 'readonly', FormData: 'readonly', DOMParser: 'readonly', HTMLFormElement: 'readonly', Request: 'readonly', Response: 'readonly',
      },
    },
  },
);

/** Root jest config: every package's tests, TypeScript via @swc/jest (type-checking is its own CI step). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/examples'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^@ztwin/example-(.*)$': '<rootDir>/examples/$1/src/index.ts',
    '^@ztwin/(.*)$': '<rootDir>/packages/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/packages/.*/dist/', '<rootDir>/examples/.*/dist/'],
  testTimeout: 60000,
};

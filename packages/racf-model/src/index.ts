export * from './digtcert';

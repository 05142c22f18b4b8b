/**
 * @ztwin/attls-policy — AT-TLS Policy Agent files as types: parser, renderer, NCA-style builder,
 * validation, effective policy (pasearch-like report) and the rule matcher.
 */
export * from './schema';
export * from './ciphers';
export * from './model';
export * from './parse';
export * from './load';
export * from './render';
export * from './address';
export * from './conditions';
export * from './match';
export * from './effective';
export * from './pasearch';
export * from './keyring-facts';
export * from './state-facts';
export * from './validate';
export * from './nca';
export * from './api';
export * from './typed';

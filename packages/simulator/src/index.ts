export * from './certs';
export * from './facts';
export * from './result';
export * from './handshake';
export * from './messages';
export * from './engine';
export * from './timeshift';
export * from './crosscheck';

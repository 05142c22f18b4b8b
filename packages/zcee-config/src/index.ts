/**
 * @ztwin/zcee-config — z/OS Connect EE (Liberty) server.xml as types: builder, reader (includes,
 * variables, merge rules), validation (also against RACF key rings, users and groups through
 * `SecurityFacts`) and the batch API requester job.
 */
export * from './xml';
export * from './catalog';
export * from './secret';
export * from './files';
export * from './reader';
export * from './model';
export * from './facts';
export * from './validate';
export * from './builder';
export * from './check';
export * from './lab';
export * from './job';
export * from './state-facts';

#!/usr/bin/env node
import { nodeIo } from './io';
import { run } from './run';

// `ztwin ... | head` closes the pipe early: stop quietly instead of dying with a stack trace.
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

void run(process.argv.slice(2), nodeIo).then((code) => {
  process.exitCode = code;
});

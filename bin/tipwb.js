#!/usr/bin/env node
// The `tipwb` bin: runs the TypeScript sources through tsx (a devDependency), so `npx tipwb` works
// right after `npm ci` with no build step; start-up is about 0.3 s (tsx caches its transforms).
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bin: require is how tsx is registered */
'use strict';
require('tsx/cjs/api').register();
require('../src/cli/main.ts').main();

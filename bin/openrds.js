#!/usr/bin/env node
// The compiled CLI lives in dist/; `npm start` and `npm test` build it first.
import '../dist/src/cli/main.js';

#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by npm's `prepare` on `npm ci`).
import('../dist/src/cli/main.js').catch((error) => {
  process.stderr.write(`kgov: 빌드된 CLI를 찾을 수 없습니다 (npm run build 를 실행하세요) / CLI build missing: ${error.message}\n`);
  process.exit(1);
});

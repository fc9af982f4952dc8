#!/usr/bin/env node
// The `wxmp-emulator` command. A launcher outside dist/ so that `pnpm install` in the monorepo can
// link the bin before anything is built (a bin pointing into dist/ made install warn for every
// workspace package that depends on the emulator); the published package ships it beside dist/.
try {
  await import('../dist/cli.js')
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli.js')) throw error
  console.error('wxmp-emulator: @wxmp/emulator is not built; run `pnpm --filter @wxmp/emulator build` (or `pnpm build`) first')
  process.exit(1)
}

import { defineConfig } from 'tsup'
import { preset } from '../../scripts/tsup-preset'

// The main entry is runtime-neutral; only `/node` may import Node built-ins. The second preset
// must not clean: it builds into the same dist the first one just wrote.
export default defineConfig([
  ...preset({ entry: { index: 'src/index.ts' } }),
  ...preset({ entry: { node: 'src/node.ts' }, platform: 'node' }).map((o) => ({ ...o, clean: false })),
])

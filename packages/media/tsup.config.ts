import { defineConfig } from 'tsup'
import { preset } from '../../scripts/tsup-preset'

// The main entry is runtime-neutral; only `/node` may import Node built-ins.
export default defineConfig([
  ...preset({ entry: { index: 'src/index.ts' } }),
  ...preset({ entry: { node: 'src/node.ts' }, platform: 'node' }),
])

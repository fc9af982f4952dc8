import { defineConfig } from 'tsup'
import { preset } from '../../scripts/tsup-preset'

// The main entry is web-standard (Request/Response, Web Crypto); only `/node` may import Node built-ins.
// @rgrove/parse-xml 5 is ESM-only: the CJS build inlines it so `require()` works on every Node 20.
export default defineConfig([
  ...preset({ entry: { index: 'src/index.ts' }, inlineForCjs: ['@rgrove/parse-xml'] }),
  ...preset({ entry: { node: 'src/node.ts' }, platform: 'node' }),
])

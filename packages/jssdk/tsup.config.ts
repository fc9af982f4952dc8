import { defineConfig } from 'tsup'
import { preset } from '../../scripts/tsup-preset'

// `/sign` is the browser-safe signing helper alone: no ky, no core.
export default defineConfig(preset({ entry: { index: 'src/index.ts', sign: 'src/sign.ts' } }))

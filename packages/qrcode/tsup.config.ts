import { defineConfig } from 'tsup'
import { preset } from '../../scripts/tsup-preset'

export default defineConfig(preset({ entry: { index: 'src/index.ts' } }))

// Public entry of @wxmp/emulator. (Being built: see packages/emulator/CONTRACT.md.)
export type { EmulatorApp, EmulatorOptions, OutboxEntry, FaultSpec } from './types'

// `pnpm --filter @wxmp-examples/console start`: the emulator with its console and the bot behind its
// push URL (safe mode), until Ctrl-C. Open the printed address, pick a follower and say "hi".
import { startEmulator } from '@wxmp/emulator'
import { BOT_AES_KEY, BOT_TOKEN, startBot } from './bot'

const emu = await startEmulator({ port: Number(process.env.PORT ?? 0), console: true })
// The console's clock buttons move the emulator clock, and pushes carry its timestamps: this
// look-around bot does not hold them to the real clock (a production receiver must).
const bot = await startBot(emu.appId, { maxTimestampSkewSeconds: 0 })
await emu.control.configurePush({ url: bot.url, token: BOT_TOKEN, encodingAESKey: BOT_AES_KEY, mode: 'safe' })
await emu.control.addFollower({ nickname: '小明 Xiaoming' })
console.log(`The bot (@wxmp/server) listens on ${bot.url}; the emulator pushes to it in safe mode.`)
console.log(`Open the console:\n  ${emu.consoleUrl}\nCtrl-C stops both.`)

const stop = () => void Promise.all([bot.close(), emu.close()]).then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

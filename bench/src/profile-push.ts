// A CPU profile of one receiving path (not a benchmark): `node --import tsx --cpu-prof src/profile-push.ts [fetch|node]`.
import { profileSides } from './server-push'

const which = process.argv[2] ?? 'fetch'
const { send, pushes } = profileSides(which, Number(process.argv[3] ?? 20000))
for (let i = 0; i < pushes.length; i++) await send(pushes[i]!)

// A message server on a real port (node:http through the /node adapter), closed when the test ends.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'
import { toNodeHandler } from '../node'
import type { MessageServer } from '../server'

export async function listen(server: MessageServer): Promise<string> {
  const http = createServer(toNodeHandler(server))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => http.close(() => resolve())))
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/wechat`
}

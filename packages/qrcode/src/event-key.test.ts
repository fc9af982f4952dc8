import { describe, expect, it } from 'vitest'
import { qrSceneFromEventKey } from './index'

describe('qrSceneFromEventKey', () => {
  it('takes the scene out of a follow event key', () => {
    expect(qrSceneFromEventKey('qrscene_campaign-42')).toBe('campaign-42')
  })

  it('returns a scan event key as it is', () => {
    expect(qrSceneFromEventKey('123')).toBe('123')
  })

  it('gives undefined for a follow without a QR code', () => {
    expect(qrSceneFromEventKey('')).toBeUndefined()
    expect(qrSceneFromEventKey(undefined)).toBeUndefined()
  })
})

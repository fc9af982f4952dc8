// The one place QR code fields change between our camelCase and WeChat's snake_case wire form.

export type ActionName = 'QR_SCENE' | 'QR_STR_SCENE' | 'QR_LIMIT_SCENE' | 'QR_LIMIT_STR_SCENE'

export interface WireCreateRequest {
  readonly expire_seconds?: number
  readonly action_name: ActionName
  readonly action_info: { readonly scene: { readonly scene_id: number } | { readonly scene_str: string } }
}

export interface WireCreateResponse {
  readonly ticket: string
  readonly expire_seconds?: number
  readonly url: string
}

export function createRequest(permanent: boolean, scene: number | string, expireSeconds?: number): WireCreateRequest {
  const numeric = typeof scene === 'number'
  const action_name: ActionName = permanent ? (numeric ? 'QR_LIMIT_SCENE' : 'QR_LIMIT_STR_SCENE') : numeric ? 'QR_SCENE' : 'QR_STR_SCENE'
  return {
    ...(expireSeconds === undefined ? {} : { expire_seconds: expireSeconds }),
    action_name,
    action_info: { scene: numeric ? { scene_id: scene } : { scene_str: scene } },
  }
}

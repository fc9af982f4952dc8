// Preact with htm: tagged templates instead of JSX, so the console has no JSX step. Every
// `${value}` in a template is a text node or a DOM property, never parsed as markup: follower and
// server text cannot become elements.
import htm from 'htm'
import { h } from 'preact'

export { render } from 'preact'
export { useCallback, useEffect, useRef, useState } from 'preact/hooks'

/** The template tag the views are written in. */
export const html = htm.bind(h)

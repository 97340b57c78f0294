/**
 * Audible and haptic confirmation of a scan: in a loud hall the beep may go unheard, so the device
 * also vibrates where it can. Both are best effort and never throw.
 */

let audio: AudioContext | null = null

function tone(frequencyHz: number, durationMs: number): void {
  const Ctx = globalThis.AudioContext
  if (Ctx === undefined) return
  try {
    audio ??= new Ctx()
    // Autoplay policy keeps a context suspended until a user gesture; a scan after a tap resumes it.
    void audio.resume()
    const osc = audio.createOscillator()
    const gain = audio.createGain()
    osc.type = 'square'
    osc.frequency.value = frequencyHz
    gain.gain.value = 0.15
    osc.connect(gain).connect(audio.destination)
    osc.start()
    osc.stop(audio.currentTime + durationMs / 1000)
  } catch (e) {
    console.warn('scan beep unavailable', e)
  }
}

function vibrate(pattern: number | number[]): void {
  if (typeof globalThis.navigator?.vibrate === 'function') globalThis.navigator.vibrate(pattern)
}

/** A short high beep and buzz: the scan was understood. */
export function confirmScan(): void {
  tone(1760, 90)
  vibrate(60)
}

/** A low double buzz: the scan was read but means nothing here. */
export function rejectScan(): void {
  tone(220, 250)
  vibrate([80, 60, 80])
}

import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { authorizeSupervisor, operatorByBadge, verifyPin } from '../../../src/sync/credentials'
import { signIn } from '../../../src/sync/session'
import { bootstrap, freshDb, seed } from './fixtures'

/** The offline checks against the bootstrap's hashes (fixtures: Marc 0418/1234, Sofia the supervisor 0419/4321). */
describe('badge and PIN, offline', () => {
  it('finds the operator of a scanned badge by its hash, scanner line ends and all', async () => {
    const db = freshDb()
    await seed(db, [])
    expect((await operatorByBadge(db, ' 0419\r\n'))?.name).toBe('Sofia Supervisor')
    expect(await operatorByBadge(db, '0420')).toBeUndefined()
    expect(await operatorByBadge(db, '  ')).toBeUndefined()
  })

  it('keeps no badge or PIN in clear on the device', async () => {
    const db = freshDb()
    await seed(db, [])
    const stored = JSON.stringify([await db.operators.toArray(), await db.session.toArray()])
    for (const secret of ['0418', '0419', '1234', '4321']) expect(stored).not.toContain(`"${secret}"`)
  })

  it('checks a PIN against its hash and says what is wrong', async () => {
    const db = freshDb()
    await seed(db, [])
    const marc = await db.operators.get(8)
    if (!marc) throw new Error('fixture')
    await expect(verifyPin(db, marc, '1234')).resolves.toBeUndefined()
    await expect(verifyPin(db, marc, '4321')).rejects.toMatchObject({ reason: 'pin_wrong' })
    await expect(verifyPin(db, { ...marc, pin_hash: null }, '1234')).rejects.toMatchObject({ reason: 'pin_not_set' })
  })

  it('lets a supervisor through with badge and PIN, and nobody else', async () => {
    const db = freshDb()
    await seed(db, [])
    expect((await authorizeSupervisor(db, '0419', '4321')).id).toBe(9)
    await expect(authorizeSupervisor(db, '0419', '1234')).rejects.toMatchObject({ reason: 'pin_wrong' })
    await expect(authorizeSupervisor(db, '0418', '1234')).rejects.toMatchObject({ reason: 'supervisor_required' })
    await expect(authorizeSupervisor(db, '9999', '4321')).rejects.toMatchObject({ reason: 'badge_unknown' })
  })

  it('matches nothing before the bootstrap brought the terminal salt', async () => {
    const db = freshDb()
    await seed(db, [])
    const session = await db.session.get('session')
    if (!session) throw new Error('fixture')
    await db.session.put({ ...session, terminal: { ...session.terminal, credentials: { ...session.terminal.credentials, salt: '' } } })
    expect(await operatorByBadge(db, '0419')).toBeUndefined()
  })

  it('asks for the PIN at sign-in where the terminal wants it', async () => {
    const db = freshDb()
    const boot = bootstrap()
    await seed(db, [], { boot: bootstrap({ terminal: { ...boot.terminal, settings: { ...boot.terminal.settings, require_pin: true } } }) })
    await expect(signIn(db, 9)).rejects.toMatchObject({ reason: 'pin_required' })
    await expect(signIn(db, 9, '0000')).rejects.toMatchObject({ reason: 'pin_wrong' })
    expect((await db.session.get('session'))?.operatorId).toBe(8)
    await signIn(db, 9, '4321')
    expect((await db.session.get('session'))?.operatorId).toBe(9)
  })
})

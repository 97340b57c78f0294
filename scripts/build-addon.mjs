#!/usr/bin/env node
/**
 * `npm run build:addon`: builds the terminal app and puts it into the Odoo addon, which serves it
 * at /shopfloor_terminal/app/ (see docs/deploy.md). The target folder is emptied first, so files of
 * an older build never linger; it is git-ignored, the build is reproduced from the commit instead.
 * Prints a digest of the copied tree: the same commit gives the same digest.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const DIST = path.join(ROOT, 'dist')
const TARGET = path.join(ROOT, 'odoo_addon', 'shopfloor_terminal', 'static', 'app')

/** Every file under `dir`, as sorted paths relative to it. */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

/** SHA-256 over each file's relative path and content: equal for equal trees, whatever the timestamps. */
function treeDigest(dir, files) {
  const hash = createHash('sha256')
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(path.join(dir, file))).update('\0')
  return hash.digest('hex')
}

const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build'], { cwd: ROOT, stdio: 'inherit' })
if (build.status !== 0) {
  console.error('vite build failed: the addon keeps its previous app')
  process.exit(1)
}
rmSync(TARGET, { recursive: true, force: true })
cpSync(DIST, TARGET, { recursive: true })
const files = listFiles(TARGET)
console.info(`\ncopied ${files.length} files to ${path.relative(ROOT, TARGET)}/ (tree sha256 ${treeDigest(TARGET, files)})`)

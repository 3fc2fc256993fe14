/**
 * @module cli/commands/apikey
 * `sharpline apikey create --name N | revoke <id> | list`: keys for the API's admin endpoints.
 * The key itself is printed once, at creation; the store keeps only its hash.
 */
import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../serve/index.js';
import { note, printJson, printTable } from '../output.js';
import { withStore } from '../store.js';

export function registerApiKeyCommands(program: Command): void {
  const apikey = program.command('apikey').description('API keys for the HTTP API\'s admin and mutating endpoints (stored hashed)');
  apikey
    .command('create')
    .description('Create a key and print it once')
    .requiredOption('--name <name>', 'who or what holds the key')
    .option('--json', 'print a JSON document')
    .action(async (opts: { name: string; json?: boolean }) => {
      const created = await withStore((db) => createApiKey(db, opts.name));
      if (opts.json) return printJson({ version: 1, ...created });
      process.stdout.write(`${created.key}\n`);
      note(`API key ${created.api_key_id} for "${created.name}" created; it is shown only now (the store keeps a hash). Send it as: Authorization: Bearer <key>`);
    });
  apikey
    .command('revoke <id>')
    .description('Revoke a key by its id (the 12 hex digits after sl_)')
    .option('--json', 'print a JSON document')
    .action(async (id: string, opts: { json?: boolean }) => {
      const info = await withStore((db) => revokeApiKey(db, id));
      if (opts.json) return printJson({ version: 1, ...info });
      note(`API key ${info.api_key_id} ("${info.name}") revoked at ${info.revoked_at}`);
    });
  apikey
    .command('list')
    .description('List keys (ids and names, never the keys)')
    .option('--json', 'print a JSON document')
    .action(async (opts: { json?: boolean }) => {
      const keys = await withStore((db) => listApiKeys(db));
      if (opts.json) return printJson({ version: 1, keys });
      printTable(['id', 'name', 'created', 'revoked'], keys.map((k) => [k.api_key_id, k.name, k.created_at, k.revoked_at ?? '']));
    });
}

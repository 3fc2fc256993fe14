-- API keys for the HTTP API's mutating and admin endpoints (`sharpline apikey create | revoke | list`).
-- Only a SHA-256 hash of each key is stored: the key is shown once, at creation. A key is 32 random
-- bytes, so a fast hash is enough (no dictionary to attack, unlike a password). Revoking keeps the
-- row, so the ledger says who had access when.
-- migrate:up
CREATE TABLE ops.api_keys (
  api_key_id  VARCHAR PRIMARY KEY,           -- the key's public id, also its prefix: sl_<id>_<secret>
  name        VARCHAR NOT NULL,              -- who or what holds it, for people
  key_hash    VARCHAR NOT NULL UNIQUE,       -- sha256 hex of the whole key
  created_at  TIMESTAMPTZ NOT NULL,
  revoked_at  TIMESTAMPTZ
);

-- migrate:down
DROP TABLE ops.api_keys;

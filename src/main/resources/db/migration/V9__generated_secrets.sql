-- Secrets Escala generates for itself when none is configured (e.g. the key that signs links in e-mails), kept so
-- that links sent before a restart keep working. Never a fixed default: each installation makes its own.
CREATE TABLE escala_secret (
  name        VARCHAR(60)  NOT NULL PRIMARY KEY,
  secret      VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

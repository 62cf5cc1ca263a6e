-- Lead nurturing: one row per lead, keyed by the normalized e-mail address (also the case's business key).
CREATE TABLE nurture_lead (
  lead_key        VARCHAR(254) NOT NULL PRIMARY KEY,
  name            VARCHAR(120) NOT NULL,
  company         VARCHAR(120),
  role            VARCHAR(30),
  company_size    VARCHAR(20),
  country         VARCHAR(2),
  budget_range    VARCHAR(20),
  interest        VARCHAR(40),
  need            VARCHAR(2000),
  language        VARCHAR(10)  NOT NULL,
  time_zone       VARCHAR(60)  NOT NULL,
  consent_email   BOOLEAN      NOT NULL,
  consent_phone   BOOLEAN      NOT NULL,
  consent_text    VARCHAR(2000) NOT NULL,
  consent_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  source          VARCHAR(60)  NOT NULL,
  status          VARCHAR(20)  NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  unsubscribed_at TIMESTAMP WITH TIME ZONE
);

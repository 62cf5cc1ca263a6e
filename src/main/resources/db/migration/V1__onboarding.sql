-- Customer onboarding: one row per person who signed up (e-mail unique), and the setup steps they completed.
CREATE TABLE onboarding_signup (
  id              VARCHAR(36)  NOT NULL PRIMARY KEY,
  email           VARCHAR(254) NOT NULL,
  name            VARCHAR(120) NOT NULL,
  company         VARCHAR(120) NOT NULL,
  country         VARCHAR(2)   NOT NULL,
  product         VARCHAR(40)  NOT NULL,
  plan            VARCHAR(40)  NOT NULL,
  goals           VARCHAR(2000),
  locale          VARCHAR(10)  NOT NULL,
  consent_text    VARCHAR(1000) NOT NULL,
  consent_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  status          VARCHAR(30)  NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  verified_at     TIMESTAMP WITH TIME ZONE,
  activated_at    TIMESTAMP WITH TIME ZONE,
  CONSTRAINT uq_onboarding_signup_email UNIQUE (email)
);

CREATE TABLE onboarding_step (
  signup_id     VARCHAR(36) NOT NULL REFERENCES onboarding_signup (id) ON DELETE CASCADE,
  step          VARCHAR(40) NOT NULL,
  completed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (signup_id, step)
);

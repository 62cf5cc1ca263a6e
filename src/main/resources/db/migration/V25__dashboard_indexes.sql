-- The staff dashboard (/staff) and the Prometheus gauges read each table by time: one index per read, so a page
-- stays fast with a hundred thousand cases. Portable between H2 2.x and PostgreSQL 15.

-- onboarding funnel: signups of the period, with the columns it counts (an index-only scan on PostgreSQL)
CREATE INDEX ix_onboarding_signup_created ON onboarding_signup (created_at, verified_at, activated_at);

-- lead funnel: leads captured in the period; leads that bounced in the period
CREATE INDEX ix_nurture_lead_created ON nurture_lead (created_at);
CREATE INDEX ix_nurture_lead_status ON nurture_lead (status, updated_at);

-- warm/hot leads and the score distribution of the period
CREATE INDEX ix_lead_score_snapshot_computed ON lead_score_snapshot (computed_at, route, lead_key, total);

-- leads handed to sales (deal lead:<e-mail>) in the period
CREATE INDEX ix_crm_deal_created ON crm_deal (created_at, deal_key);

-- e-mails of the period by delivery status
CREATE INDEX ix_mail_message_created_status ON mail_message (created_at, status);

-- LLM calls of the period per task
CREATE INDEX ix_llm_usage_created ON llm_usage (created_at, task_id);

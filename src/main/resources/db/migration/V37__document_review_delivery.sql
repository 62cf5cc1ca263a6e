-- Bulk documents, the flow around the engine room of V36: who asked for a batch and in which language (e-mails at
-- start and end), economy mode through the OpenAI Batch API, pause / resume / cancel, sampling review in rounds with
-- regeneration, delivery, and an audit trail per document.

ALTER TABLE document_batch ADD COLUMN requester_name VARCHAR(200);
ALTER TABLE document_batch ADD COLUMN requester_email VARCHAR(254);
ALTER TABLE document_batch ADD COLUMN requester_locale VARCHAR(10) DEFAULT 'es' NOT NULL;
ALTER TABLE document_batch ADD COLUMN mode VARCHAR(10) DEFAULT 'STANDARD' NOT NULL;
-- review round the batch is in: 0 is the first generation, each regeneration adds one
ALTER TABLE document_batch ADD COLUMN review_round INTEGER DEFAULT 0 NOT NULL;
-- what a reviewer chose to regenerate when the sample's rejection rate is above the threshold
ALTER TABLE document_batch ADD COLUMN regenerate_scope VARCHAR(10);
ALTER TABLE document_batch ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE document_batch ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE document_batch ADD COLUMN cancelled_by VARCHAR(100);
ALTER TABLE document_batch ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE document_batch ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
-- economy mode: the OpenAI Batch API's ids for the current round's submission
ALTER TABLE document_batch ADD COLUMN economy_input_file VARCHAR(100);
ALTER TABLE document_batch ADD COLUMN economy_batch VARCHAR(100);
ALTER TABLE document_batch ADD COLUMN economy_status VARCHAR(30);
ALTER TABLE document_batch ADD COLUMN economy_polled_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE document_batch DROP CONSTRAINT document_batch_status;
ALTER TABLE document_batch ADD CONSTRAINT document_batch_status CHECK (status IN ('RECEIVING', 'READY', 'RUNNING',
    'PAUSED', 'GENERATED', 'APPROVED', 'REJECTED', 'DELIVERED', 'CANCELLED'));
ALTER TABLE document_batch ADD CONSTRAINT document_batch_mode CHECK (mode IN ('STANDARD', 'ECONOMY'));
ALTER TABLE document_batch ADD CONSTRAINT document_batch_regenerate_scope
    CHECK (regenerate_scope IS NULL OR regenerate_scope IN ('REJECTED', 'ALL'));
ALTER TABLE document_batch ADD CONSTRAINT document_batch_locale CHECK (requester_locale IN ('es', 'pt-BR', 'en'));

-- A template version may ask for a DOCX beside the PDF of each document.
ALTER TABLE document_template_version ADD COLUMN docx BOOLEAN DEFAULT FALSE NOT NULL;

-- review_round: the review round the row was last generated in; review_comment: the reviewers' comments that go into its
-- prompt when it is regenerated; prompt_hash: SHA-256 of the prompts of its last generation (audit trail).
ALTER TABLE document_row ADD COLUMN review_round INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE document_row ADD COLUMN review_comment VARCHAR(4000);
ALTER TABLE document_row ADD COLUMN prompt_hash CHAR(64);
ALTER TABLE document_row DROP CONSTRAINT document_row_status;
ALTER TABLE document_row ADD CONSTRAINT document_row_status
    CHECK (status IN ('PENDING', 'CLAIMED', 'GENERATED', 'FAILED', 'REJECTED_INPUT', 'CANCELLED'));

-- The sample of one review round: the random draw plus every flagged document, in the order the reviewer sees them
-- (position 1..n), and each decision. A row is in a round's sample once.
CREATE TABLE document_review (
    batch_id        BIGINT        NOT NULL REFERENCES document_batch (id),
    review_round    INTEGER       NOT NULL,
    position        INTEGER       NOT NULL,
    row_id          BIGINT        NOT NULL REFERENCES document_row (id),
    flagged         BOOLEAN       NOT NULL,
    decision        VARCHAR(10),
    review_comment  VARCHAR(4000),
    reviewer        VARCHAR(100),
    decided_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_document_review PRIMARY KEY (batch_id, review_round, position),
    CONSTRAINT document_review_row UNIQUE (batch_id, review_round, row_id),
    CONSTRAINT document_review_decision CHECK (decision IS NULL OR decision IN ('APPROVED', 'REJECTED')),
    CONSTRAINT document_review_decided CHECK (decision IS NULL OR (reviewer IS NOT NULL AND decided_at IS NOT NULL)),
    CONSTRAINT document_review_comment CHECK (decision IS NULL OR decision = 'APPROVED' OR review_comment IS NOT NULL)
);
CREATE INDEX document_review_row_ix ON document_review (row_id);

-- What happened to each document, in order: generated (template version, model, prompt hash, check results),
-- reviewed (reviewer, decision, comment), regenerated, cancelled, delivered. detail is JSON.
CREATE TABLE document_audit (
    id              BIGSERIAL PRIMARY KEY,
    batch_id        BIGINT        NOT NULL REFERENCES document_batch (id),
    row_id          BIGINT        REFERENCES document_row (id),
    event           VARCHAR(20)   NOT NULL,
    actor           VARCHAR(100)  NOT NULL,
    detail          TEXT          NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_audit_event CHECK (event IN ('RECEIVED', 'GENERATED', 'FAILED', 'REVIEWED', 'REGENERATING',
        'CANCELLED', 'APPROVED', 'REJECTED', 'DELIVERED', 'DOWNLOADED'))
);
CREATE INDEX document_audit_row_ix ON document_audit (row_id, id);
CREATE INDEX document_audit_batch_ix ON document_audit (batch_id, id);

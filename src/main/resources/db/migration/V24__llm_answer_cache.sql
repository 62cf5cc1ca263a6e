-- The validated answer of an LLM step, kept so a retried job does not pay for the same request again. Key: the
-- step (process instance, activity, task) and the SHA-256 of the full request body. Written in its own transaction
-- (it must survive the rolled-back job); deleted when the job that asked for it commits, and after
-- escala.llm.answer-cache-retention at the latest. The answer can quote customer text: erasure deletes by case.
CREATE TABLE llm_answer (
    step_key            VARCHAR(600)             NOT NULL,
    request_sha256      CHAR(64)                 NOT NULL,
    process_instance_id VARCHAR(64)              NOT NULL,
    task_id             VARCHAR(200)             NOT NULL,
    model               VARCHAR(100)             NOT NULL,
    answer_json         TEXT                     NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_llm_answer PRIMARY KEY (step_key, request_sha256)
);

CREATE INDEX ix_llm_answer_case ON llm_answer (process_instance_id);
CREATE INDEX ix_llm_answer_created_at ON llm_answer (created_at);

-- A retry served from llm_answer is recorded as CACHED, with no tokens.
ALTER TABLE llm_usage DROP CONSTRAINT llm_usage_outcome_check;
ALTER TABLE llm_usage ADD CONSTRAINT llm_usage_outcome_check
    CHECK (outcome IN ('OK', 'INVALID_ANSWER', 'FAILED', 'OFFLINE', 'CACHED'));

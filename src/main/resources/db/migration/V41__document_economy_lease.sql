-- Economy mode (OpenAI Batch API), beside V37's economy_* columns of document_batch:
-- economy_owner / economy_lease_until: the node working on the batch's submission right now (a lease, so that two
-- nodes never upload or create the same OpenAI batch; a node that dies gives it up when the lease runs out);
-- price_factor: what the batch's tokens cost against the list prices (0.5 once it went through the Batch API),
-- applied when the batch closes; document_row.economy_sends: how many submissions the row has been in without an
-- answer coming back, so that a row of an expired or failed OpenAI batch is sent once more, then fails.
ALTER TABLE document_batch ADD COLUMN economy_owner VARCHAR(100);
ALTER TABLE document_batch ADD COLUMN economy_lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE document_batch ADD COLUMN price_factor NUMERIC(4, 3) DEFAULT 1 NOT NULL;
ALTER TABLE document_batch ADD CONSTRAINT document_batch_price_factor CHECK (price_factor > 0 AND price_factor <= 1);
ALTER TABLE document_row ADD COLUMN economy_sends INTEGER DEFAULT 0 NOT NULL;

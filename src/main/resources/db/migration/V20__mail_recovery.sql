-- When a SENDING row was taken over after its lease ran out (the node sending it stopped mid-way). The server may
-- have had the first copy: such an e-mail may have reached the recipient twice, both times with the same Message-ID.
ALTER TABLE mail_message ADD COLUMN recovered_at TIMESTAMP WITH TIME ZONE;

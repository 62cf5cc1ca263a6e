-- An invite an e-mail carries (iTIP method and the whole VCALENDAR): kept so a retry sends the identical invite.
ALTER TABLE mail_message ADD COLUMN calendar_method VARCHAR(16);
ALTER TABLE mail_message ADD COLUMN calendar_ics TEXT;

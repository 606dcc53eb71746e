CREATE OR REPLACE VIEW open_loans AS
    SELECT l.loan_id, m.email, l.due_on
    FROM loan l JOIN member m ON m.member_id = l.member_id
    WHERE l.returned_at IS NULL;

--liquibase formatted sql

--changeset alice:1 splitStatements:false endDelimiter:;
--comment: first
CREATE TABLE t (id INT);
--rollback DROP TABLE t;

--changeset bob:2 runOnChange:true
/* liquibase rollback
DELETE FROM t;
*/
INSERT INTO t VALUES (1);
--validCheckSum: 9:abc
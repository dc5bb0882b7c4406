-- openrds: CALL mysql.rds_skip_transaction_with_gtid(gtid_to_skip)
--
-- RDS for MySQL commits an empty transaction with that GTID, so the replica
-- never applies the real one. MariaDB cannot commit a transaction under a
-- chosen GTID; its way to skip one is to move the replica's position in that
-- GTID domain (gtid_slave_pos) onto it. That is exact only for the next
-- transaction of the domain, and only while the replication threads are
-- stopped (they own the position), so openrds refuses the rest with a clear
-- error instead of skipping more than asked:
--   NULL or not one MariaDB GTID 'domain-server-sequence' -> 'Invalid arguments'
--   a MySQL GTID (uuid:n)              -> error: MariaDB GTIDs cannot name it
--   replication running                -> error: stop it first
--   at or before the domain's position -> error: nothing to skip
--   not the domain's next sequence     -> error: it would skip others too
-- Success: message 'Transaction has been skipped successfully.', history
-- 'rds_skip_transaction_with_gtid:OK' with master_gtid (RDS writes no
-- "Starting:" row for it). The position then takes effect at the next
-- rds_start_replication.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_skip_transaction_with_gtid(
  IN p_gtid text)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'RDS: skip one transaction by its GTID'
BEGIN
  DECLARE v_gtid TEXT DEFAULT TRIM(p_gtid);
  DECLARE v_domain TEXT DEFAULT SUBSTRING_INDEX(v_gtid, '-', 1);
  DECLARE v_seq TEXT DEFAULT SUBSTRING_INDEX(v_gtid, '-', -1);
  DECLARE v_pos TEXT DEFAULT @@global.gtid_slave_pos;
  DECLARE v_current TEXT;

  CALL mysql.rds_begin('skip gtid: starting');   -- refuses inside the caller's transaction (ERROR 1694)
  IF v_gtid REGEXP '^[0-9a-fA-F-]{36}:' THEN
    CALL mysql.rds_say('gtid: mysql format', NULL);
  ELSEIF v_gtid IS NULL OR v_gtid NOT REGEXP '^[0-9]{1,10}-[0-9]{1,10}-[0-9]{1,20}\\z' THEN
    CALL mysql.rds_say('invalid arguments', NULL);
  ELSEIF EXISTS (SELECT 1 FROM information_schema.PROCESSLIST
                  WHERE USER = 'system user' AND COMMAND IN ('Slave_SQL', 'Slave_IO', 'Connect')) THEN
    CALL mysql.rds_say('skip gtid: running', NULL);
  END IF;

  -- this domain's entry of the position: ',<domain>-<server>-<seq>'
  SET v_current = REGEXP_SUBSTR(CONCAT(',', v_pos, ','), CONCAT(',', v_domain, '-[0-9]+-[0-9]+(?=,)'));
  IF v_current <> '' AND CAST(SUBSTRING_INDEX(v_current, '-', -1) AS UNSIGNED) >= CAST(v_seq AS UNSIGNED) THEN
    CALL mysql.rds_say('skip gtid: applied', NULL);
  ELSEIF IFNULL(CAST(SUBSTRING_INDEX(NULLIF(v_current, ''), '-', -1) AS UNSIGNED), 0) + 1 <> CAST(v_seq AS UNSIGNED) THEN
    CALL mysql.rds_say('skip gtid: not next', IF(v_pos = '', 'the start', v_pos));
  END IF;

  COMMIT;
  IF v_current <> '' THEN
    SET GLOBAL gtid_slave_pos = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', v_pos, ','), CONCAT(v_current, ','), CONCAT(',', v_gtid, ',')));
  ELSE
    SET GLOBAL gtid_slave_pos = CONCAT_WS(',', NULLIF(v_pos, ''), v_gtid);
  END IF;
  CALL mysql.rds_record_history('rds_skip_transaction_with_gtid:OK', NULL, v_gtid);
  CALL mysql.rds_say('skip gtid: done', NULL);
END;

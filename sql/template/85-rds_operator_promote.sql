-- openrds operator: CALL mysql.rds_operator_promote()
--
-- PromoteReadReplica (and the end of any replication the operator owns):
-- stops replication if it runs, RESET SLAVE '' ALL, clears 'instance role',
-- records 'reset slave' (state NOT_EXIST from now on). read_only is the
-- control plane's business (option file; RDS reboots the instance).

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_promote()
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: stop and forget replication, make standalone'
BEGIN
  CALL mysql.rds_assert_operator();

  IF mysql.rds_replication_state('') IN ('ON', 'BROKEN') THEN
    COMMIT;            -- STOP SLAVE refuses inside a transaction (ERROR 1192)
    STOP SLAVE '';
  END IF;
  RESET SLAVE '' ALL;
  CALL mysql.rds_sysinfo_set('instance role', NULL);
  CALL mysql.rds_record_action('reset slave', NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL, NULL, '');
END;

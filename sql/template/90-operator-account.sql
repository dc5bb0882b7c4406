-- openrds template, step 90: the operator account rdsadmin@localhost.
--
-- The control plane's login. 'localhost' with skip_name_resolve matches
-- unix-socket connections only. It holds no more than it needs: EXECUTE on
-- the operator routines (which do the privileged work as rds_definer),
-- plus PROCESS, SLAVE MONITOR and BINLOG MONITOR to watch the instance
-- (processlist, SHOW SLAVE STATUS, SHOW MASTER STATUS / BINARY LOGS).
-- Its password comes from the session variable @operator_password, set by
-- the caller before this file runs; each instance replaces it in
-- rds_operator_bootstrap.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

BEGIN NOT ATOMIC
  IF @operator_password IS NULL OR @operator_password = '' THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'openrds template: set @operator_password before applying 90-operator-account.sql';
  END IF;
  EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ''rdsadmin''@''localhost'' IDENTIFIED BY ',
                           QUOTE(@operator_password));
  EXECUTE IMMEDIATE CONCAT('ALTER USER ''rdsadmin''@''localhost'' IDENTIFIED BY ',
                           QUOTE(@operator_password), ' ACCOUNT UNLOCK');
END;

GRANT PROCESS, SLAVE MONITOR, BINLOG MONITOR ON *.* TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_bootstrap              TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_set_master_password    TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_set_instance_role      TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_ensure_repl_user       TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_setup_replica          TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_promote                TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_rotate_password        TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_set_read_only          TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_purge_binlogs          TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_backup_user            TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_status                 TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_terminate_replication  TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_rotate_binlog          TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_set_variable           TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_guard                  TO 'rdsadmin'@'localhost';
GRANT EXECUTE ON PROCEDURE mysql.rds_operator_skip_account_error     TO 'rdsadmin'@'localhost';

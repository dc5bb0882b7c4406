-- openrds template, step 88: rds_operator_set_variable(name, value, numeric)
-- -- a dynamic DB parameter group value applied at once (SET GLOBAL). The
-- control plane checks the name and value against the engine's parameter
-- catalogue; here they are checked again for shape, so that nothing but a
-- variable name and a number or a quoted string reaches the statement.

SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';

CREATE OR REPLACE DEFINER = rds_definer PROCEDURE mysql.rds_operator_set_variable(
  IN p_name    varchar(64),
  IN p_value   varchar(1024),
  IN p_numeric tinyint)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
  COMMENT 'openrds operator: SET GLOBAL for a DB parameter group value'
BEGIN
  CALL mysql.rds_assert_operator();
  IF p_name IS NULL OR p_name NOT REGEXP '^[a-z_]+\\z' OR p_value IS NULL
     OR (p_numeric AND p_value NOT REGEXP '^-?[0-9]+(\\.[0-9]+)?\\z') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'Invalid arguments';
  END IF;
  EXECUTE IMMEDIATE CONCAT('SET GLOBAL ', p_name, ' = ', IF(p_numeric, p_value, QUOTE(p_value)));
END;

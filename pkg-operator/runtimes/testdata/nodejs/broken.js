// Fixture: a handler module that fails while loading (error_type="import").
'use strict';
throw new Error('broken on purpose');

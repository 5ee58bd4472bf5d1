-- Opens ARGMAP_MAP in Neovim with `argmap lsp` (ARGMAP_CMD, a JSON list) attached through the built-in client,
-- waits for its diagnostics and writes them to ARGMAP_OUT as JSON. Run by test_lsp_neovim.py under --headless.
local map, out = vim.env.ARGMAP_MAP, vim.env.ARGMAP_OUT
vim.cmd("edit " .. vim.fn.fnameescape(map))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "argmap", cmd = vim.fn.json_decode(vim.env.ARGMAP_CMD),
                                  root_dir = vim.fn.fnamemodify(map, ":h") })
vim.lsp.buf_attach_client(buf, id)
vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, { line = d.lnum, col = d.col, severity = d.severity, source = d.source,
                        code = d.code or lsp.code, message = d.message })
end
vim.fn.writefile({ vim.fn.json_encode(found) }, out)
vim.lsp.stop_client(id)
vim.cmd("qa!")

import { describe, expect, it } from "vitest";
import { ConfigError, errorText, FileError, inConfigFile, InputError, IntegrationsError, InternalError, PluginError, UsageError } from "./errors.js";

describe("the error family", () => {
  it.each([
    [new UsageError("missing --token"), 2],
    [new InputError("raw token"), 1],
    [new ConfigError("bad YAML"), 1],
    [new PluginError("build threw"), 1],
    [new FileError("no directory"), 1],
    [new InternalError("unexpected state"), 1],
  ])("%s carries exit code %i", (error, code) => {
    expect(error).toBeInstanceOf(IntegrationsError);
    expect(error.exitCode).toBe(code);
  });

  it("keeps every problem, one line each", () => {
    expect(new InputError("2 problems", ["--token: a", "--level: b"]).problems).toEqual(["--token: a", "--level: b"]);
    expect(new FileError("x").problems).toEqual([]);
  });

  it("names the plugin in the printed line, not in the message", () => {
    const plugin = { packageName: "integrations-plugin-acme", integration: "acme" };
    const error = new PluginError("the block for acme is not valid: destination: required", [], { plugin });
    expect(error.message).toBe("the block for acme is not valid: destination: required");
    expect(error.plugin).toEqual(plugin);
    expect(error.describe()).toBe("the block for acme is not valid: destination: required (plugin integrations-plugin-acme)");
    expect(errorText(error)).toBe(error.describe());
  });

  it("prints a message without a plugin as it is, and anything else by its message", () => {
    expect(new ConfigError("config.yaml:3:1: bad").describe()).toBe("config.yaml:3:1: bad");
    expect(errorText(new TypeError("x is undefined"))).toBe("x is undefined");
    expect(errorText("thrown string")).toBe("thrown string");
  });

  it("keeps the cause and UsageError's missing flags", () => {
    const cause = new Error("inner");
    const error = new UsageError("missing", ["--token is required"], { cause, missing: ["token"] });
    expect(error.cause).toBe(cause);
    expect(error.missing).toEqual(["token"]);
  });
});

describe("a message about the config file", () => {
  const yamlError = () => new ConfigError((file) => `${file}:3:1: bad indentation; fix the YAML and run again`);

  it("names the file once it is placed, and says 'the config file' until then", () => {
    const error = yamlError();
    expect(error.message).toBe("the config file:3:1: bad indentation; fix the YAML and run again");
    expect(error.placeIn("conf/config.yaml").message).toBe("conf/config.yaml:3:1: bad indentation; fix the YAML and run again");
  });

  it("is placed once: the first placement wins", () => {
    expect(yamlError().placeIn("a.yaml").placeIn("b.yaml").message).toBe("a.yaml:3:1: bad indentation; fix the YAML and run again");
  });

  it("leaves a message that does not name the file as it is", () => {
    expect(new FileError("cannot lock config.yaml: EROFS").placeIn("other.yaml").message).toBe("cannot lock config.yaml: EROFS");
  });

  it("is placed by inConfigFile, for a thrown error and a rejected promise", async () => {
    expect(() =>
      inConfigFile("c.yaml", () => {
        throw yamlError();
      }),
    ).toThrow("c.yaml:3:1: bad indentation");
    await expect(inConfigFile("c.yaml", () => Promise.reject(yamlError()))).rejects.toThrow("c.yaml:3:1: bad indentation");
    expect(inConfigFile("c.yaml", () => 42)).toBe(42);
    const other = new TypeError("not ours");
    expect(() =>
      inConfigFile("c.yaml", () => {
        throw other;
      }),
    ).toThrow(other);
  });
});

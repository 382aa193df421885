import Foundation
import BackpropCore

/// A small JSON Schema (draft 2020-12) validator covering exactly the keywords the shipped schemas
/// use: type, properties, required, prefixItems, items, minItems, maxItems, enum, const, minimum,
/// additionalProperties, $ref into $defs, allOf, oneOf and anyOf, plus the annotations $schema, $id, title
/// and description. A keyword it
/// does not know is reported as an error, so the schema cannot come to rely on one this
/// validator would silently skip.
struct SchemaValidator {
    let root: JSON

    static let annotations: Set<String> = ["$schema", "$id", "title", "description"]
    static let keywords: Set<String> = ["type", "properties", "required", "prefixItems", "items", "minItems", "maxItems",
                                        "enum", "const", "minimum", "additionalProperties", "$ref", "$defs", "allOf", "oneOf", "anyOf"]

    /// The trace schema shipped in the documentation catalog, read from the repository.
    static func traceSchema() throws -> SchemaValidator { try shipped("trace") }

    /// `NAME.schema.json` of the documentation catalog: trace, compare-input, compare-result,
    /// gradcheck-result.
    static func shipped(_ name: String) throws -> SchemaValidator {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Sources/BackpropCore/BackpropCore.docc/\(name).schema.json")
        let bytes = [UInt8](try Data(contentsOf: url))
        return SchemaValidator(root: try JSON.parse(bytes, limit: 1 << 20))
    }

    /// Every violation, each as "path: what"; empty when the instance is valid.
    func errors(in instance: JSON) -> [String] {
        var errors: [String] = []
        check(instance, against: root, path: "$", errors: &errors)
        return errors
    }

    private func check(_ instance: JSON, against schema: JSON, path: String, errors: inout [String]) {
        if let b = schema.bool {
            if !b { errors.append("\(path): no value is allowed here") }
            return
        }
        guard let members = schema.object else {
            errors.append("\(path): the schema is \(schema.kind), expected an object or a boolean")
            return
        }
        for (key, value) in members {
            if SchemaValidator.annotations.contains(key) || key == "$defs" { continue }
            guard SchemaValidator.keywords.contains(key) else {
                errors.append("\(path): unsupported schema keyword \(key)")
                continue
            }
            switch key {
            case "type": checkType(instance, value, path: path, errors: &errors)
            case "const":
                if instance != value { errors.append("\(path): expected \(value.text(.compact)), found \(instance.text(.compact))") }
            case "enum":
                if !(value.array ?? []).contains(instance) {
                    errors.append("\(path): \(instance.text(.compact)) is not one of \(value.text(.compact))")
                }
            case "minimum":
                if let x = instance.double, let m = value.double, x < m { errors.append("\(path): \(x) is below the minimum \(m)") }
            case "required":
                if instance.object != nil {
                    for name in (value.array ?? []).compactMap(\.string) where instance[name] == nil {
                        errors.append("\(path): the key \"\(name)\" is missing")
                    }
                }
            case "properties":
                guard let object = instance.object else { continue }
                for (name, child) in object {
                    if let sub = value[name] { check(child, against: sub, path: "\(path).\(name)", errors: &errors) }
                }
            case "additionalProperties":
                guard let object = instance.object else { continue }
                let known = schema["properties"]?.object?.map(\.key) ?? []
                for (name, child) in object where !known.contains(name) {
                    check(child, against: value, path: "\(path).\(name)", errors: &errors)
                }
            case "prefixItems":
                guard let elements = instance.array else { continue }
                for (i, (element, sub)) in zip(elements, value.array ?? []).enumerated() {
                    check(element, against: sub, path: "\(path)[\(i)]", errors: &errors)
                }
            case "items":
                // After the elements prefixItems describes, if any.
                guard let elements = instance.array else { continue }
                let first = schema["prefixItems"]?.array?.count ?? 0
                for (i, element) in elements.enumerated() where i >= first {
                    check(element, against: value, path: "\(path)[\(i)]", errors: &errors)
                }
            case "minItems", "maxItems":
                guard let elements = instance.array, let bound = value.int else { continue }
                if key == "minItems" && elements.count < bound { errors.append("\(path): \(elements.count) items, fewer than \(bound)") }
                if key == "maxItems" && elements.count > bound { errors.append("\(path): \(elements.count) items, more than \(bound)") }
            case "$ref":
                guard let target = resolve(value.string ?? "") else {
                    errors.append("\(path): cannot resolve $ref \(value.text(.compact))")
                    continue
                }
                check(instance, against: target, path: path, errors: &errors)
            case "allOf":
                for sub in value.array ?? [] { check(instance, against: sub, path: path, errors: &errors) }
            case "anyOf", "oneOf":
                let passing = (value.array ?? []).filter { sub in
                    var e: [String] = []
                    check(instance, against: sub, path: path, errors: &e)
                    return e.isEmpty
                }.count
                if key == "anyOf" && passing == 0 { errors.append("\(path): \(instance.text(.compact)) matches none of anyOf") }
                if key == "oneOf" && passing != 1 { errors.append("\(path): \(instance.text(.compact)) matches \(passing) of oneOf, expected exactly 1") }
            default: break
            }
        }
    }

    private func checkType(_ instance: JSON, _ type: JSON, path: String, errors: inout [String]) {
        let names = type.array?.compactMap(\.string) ?? [type.string ?? ""]
        let ok = names.contains { name in
            switch (name, instance) {
            case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
                 ("array", .array), ("object", .object): true
            case let ("integer", .number(x)): x.isFinite && x == x.rounded()
            default: false
            }
        }
        if !ok { errors.append("\(path): \(instance.kind) is not of type \(type.text(.compact))") }
    }

    /// A reference within the schema, such as `#/$defs/name`.
    private func resolve(_ reference: String) -> JSON? {
        // A JSON Pointer into this document: "#/$defs/check/properties/summary".
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let child = node[String(part)] else { return nil }
            node = child
        }
        return node
    }
}

using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SmsOnboarding.Aws.Tests.Support;

/// <summary>Maps DTOs to and from canonical documents by wire name, failing on any member the model and the class disagree on.</summary>
public static class ObjectDocuments
{
    public static string WireName(PropertyInfo p) => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name;

    public static IReadOnlyDictionary<string, PropertyInfo> WireProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToDictionary(WireName);

    public static object ToObject(Type type, JsonNode node)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return node.GetValue<string>();
        }
        if (t == typeof(int))
        {
            return node.GetValue<int>();
        }
        if (t == typeof(long))
        {
            return node.GetValue<long>();
        }
        if (t == typeof(double))
        {
            return node.GetValue<double>();
        }
        if (t == typeof(float))
        {
            return node.GetValue<float>();
        }
        if (t == typeof(bool))
        {
            return node.GetValue<bool>();
        }
        if (t == typeof(DateTime))
        {
            return DateTimeOffset.FromUnixTimeSeconds(node.GetValue<long>()).UtcDateTime;
        }
        if (t == typeof(byte[]))
        {
            return Convert.FromBase64String(node.GetValue<string>());
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(t)!;
            foreach (var item in node.AsArray())
            {
                list.Add(ToObject(t.GetGenericArguments()[0], item!));
            }
            return list;
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var map = (IDictionary)Activator.CreateInstance(t)!;
            foreach (var (k, v) in node.AsObject())
            {
                map[k] = ToObject(t.GetGenericArguments()[1], v!);
            }
            return map;
        }
        var instance = Activator.CreateInstance(t)!;
        var props = WireProperties(t);
        foreach (var (k, v) in node.AsObject())
        {
            if (!props.TryGetValue(k, out var p))
            {
                throw new InvalidOperationException($"{t.Name} has no property for model member '{k}'.");
            }
            p.SetValue(instance, ToObject(p.PropertyType, v!));
        }
        return instance;
    }

    public static JsonNode? FromObject(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create((long)i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create((double)f),
        DateTime dt => JsonValue.Create(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)).ToUnixTimeSeconds()),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k =>
            new KeyValuePair<string, JsonNode?>(Convert.ToString(k, CultureInfo.InvariantCulture)!, FromObject(map[k])))),
        IList list => new JsonArray(list.Cast<object?>().Select(FromObject).ToArray()),
        _ => new JsonObject(WireProperties(value.GetType())
            .Select(p => new KeyValuePair<string, JsonNode?>(p.Key, FromObject(p.Value.GetValue(value))))
            .Where(p => p.Value is not null)),
    };
}
